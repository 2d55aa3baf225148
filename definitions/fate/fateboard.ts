/**
 * FATE-Board, the web UI: a builder stage packages the jar, the runtime stage on `base-image`
 * copies only the jar from it (`COPY --from=build`).
 */
import { comment, copy, image, run, stage, workdir } from 'dockwright';
import { FATE_HOME, SERVICE_CHECK, fateArgs, fateContext } from './_shared.js';
import { baseImage } from './base.js';

const build = stage('build', { from: 'busybox:stable' }, [
  workdir('/build'),
  copy('pom.xml', './'),
  copy('src/', './src/'),
  comment('the real builder is maven:3-openjdk-8 running `mvn -DskipTests package`; the stand-in jar is a tar of the sources'),
  run(['mkdir -p target', 'tar -cf target/fateboard-${FATE_VERSION}.jar pom.xml src']),
]);

const runtime = stage('runtime', { from: baseImage }, [
  copy('/build/target/fateboard-${FATE_VERSION}.jar', `${FATE_HOME}/fateboard/fateboard.jar`, { from: build, chown: 'fate:fate' }),
  copy('src/main/resources/application.properties', `${FATE_HOME}/fateboard/conf/`, { chown: 'fate:fate' }),
]);

export const fateboard = image({
  name: 'fateboard',
  description: 'FATE-Board, the web UI of a FATE party',
  groups: ['basic'],
  context: fateContext('fateboard'),
  args: fateArgs('FATE_VERSION'),
  stages: [build, runtime],
  workdir: `${FATE_HOME}/fateboard`,
  expose: [8080],
  healthcheck: { test: ['fate-service', 'status', 'fateboard'], ...SERVICE_CHECK },
  cmd: ['fate-service', 'run', 'fateboard'],
  test: { healthy: true },
});
