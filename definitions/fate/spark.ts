/**
 * FATE's Spark cluster images: `spark-base` (Spark on top of `python`, so executors find FATE)
 * is a private parent; `spark-master` and `spark-worker` are one function applied to two roles.
 */
import { copy, image } from 'dockwright';
import { SERVICE_CHECK, fateContext } from './_shared.js';
import { python } from './base.js';

const SPARK_HOME = '/data/projects/spark';

export const sparkBase = image({
  name: 'spark-base',
  description: 'Spark 3.4 on the FATE python image; parent of spark-master and spark-worker',
  groups: ['spark'],
  push: false,
  context: fateContext('spark-base'),
  from: python,
  steps: [copy('spark/', `${SPARK_HOME}/`, { chown: 'fate:fate' })],
  env: { SPARK_HOME },
});

interface SparkRole {
  readonly role: 'master' | 'worker';
  readonly ports: readonly number[];
  readonly env: Readonly<Record<string, string>>;
}

/** A Spark daemon image: its ports, its settings, a process started by CMD and watched by HEALTHCHECK. */
const sparkDaemon = ({ role, ports, env }: SparkRole) =>
  image({
    name: `spark-${role}`,
    description: `Spark ${role} of a FATE party`,
    groups: ['spark'],
    // no COPY: any small folder will do as the context
    context: fateContext('spark-base'),
    from: sparkBase,
    steps: [],
    env,
    expose: ports,
    healthcheck: { test: ['fate-service', 'status', `spark-${role}`], ...SERVICE_CHECK },
    cmd: ['fate-service', 'run', `spark-${role}`],
    test: { healthy: true },
  });

export const sparkMaster = sparkDaemon({
  role: 'master',
  ports: [7077, 8080],
  env: { SPARK_MASTER_PORT: '7077', SPARK_MASTER_WEBUI_PORT: '8080' },
});

export const sparkWorker = sparkDaemon({
  role: 'worker',
  ports: [8081],
  env: { SPARK_MASTER: 'spark://spark-master:7077', SPARK_WORKER_WEBUI_PORT: '8081' },
});
