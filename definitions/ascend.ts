/**
 * Ascend (Huawei NPU images, as in Ascend/ascend-docker-image): one image, five stages, each FROM
 * the previous one: base → python → cann → pta (PyTorch + torch_npu) → app. Any stage is a usable
 * image of its own: `--target cann` builds the CANN image without PyTorch.
 *
 * The version args are declared once at image level. Each stage uses only some of them, and the
 * generated Dockerfile redeclares an arg only in the stages that use it (DEVICE only in `cann`,
 * TORCH_VERSION only in `pta`…).
 *
 * The vendor packages (gigabytes for CANN) come from a named build context and are bind-mounted
 * into the RUN that installs them, so they never become part of a layer: no COPY-then-delete and
 * no local HTTP server. Stand-ins in `contexts/ascend/packages/` are small shell installers named
 * like the real packages.
 */
import { bindMount, copy, env, image, namedContext, run, stage } from 'dockwright';

const ASCEND = '/usr/local/Ascend';
const APP = '/home/HwHiAiUser/app';
const PYTHON_HOME = '/usr/local/python${PYTHON_VERSION}';
const SITE_PACKAGES = `${PYTHON_HOME}/lib/python\${PYTHON_VERSION}/site-packages`;

/** The `packages` build context, mounted read-only at /tmp/pkgs for the one RUN that needs it. */
const withPackages = { mounts: [bindMount('/tmp/pkgs', { from: namedContext('packages') })] };

/**
 * The architecture in the vendor's package names (x86_64, aarch64), from BuildKit's TARGETARCH
 * (amd64, arm64) of the platform being built: one build makes both platforms.
 */
const ARCH = 'arch=$(case ${TARGETARCH} in arm64) echo aarch64 ;; *) echo x86_64 ;; esac)';

const base = stage('base', { from: 'debian:bookworm-slim' }, [
  // HwHiAiUser is the user the NPU driver's device files are shared with (uid/gid 1000 on the host too)
  run([
    'groupadd --gid 1000 HwHiAiUser',
    'useradd --uid 1000 --gid HwHiAiUser --create-home --shell /bin/sh HwHiAiUser',
    `mkdir -p ${ASCEND}`,
  ]),
  env({ ASCEND_HOME: ASCEND, LD_LIBRARY_PATH: `${ASCEND}/driver/lib64/common:${ASCEND}/driver/lib64/driver` }),
]);

const python = stage('python', { from: base }, [
  run(
    [
      ARCH,
      `sh /tmp/pkgs/python/Python-\${PYTHON_VERSION}-linux-$arch.run --install-path=${PYTHON_HOME}`,
      `ln -s ${PYTHON_HOME}/bin/python3 /usr/local/bin/python3`,
    ],
    withPackages,
  ),
]);

const cann = stage('cann', { from: python }, [
  run(
    [
      ARCH,
      `sh /tmp/pkgs/cann/Ascend-cann-toolkit_\${CANN_VERSION}_linux-$arch.run --install --install-path=${ASCEND} --quiet`,
      `sh /tmp/pkgs/cann/Ascend-cann-kernels-\${DEVICE}_\${CANN_VERSION}_linux-$arch.run --install --install-path=${ASCEND} --quiet`,
    ],
    withPackages,
  ),
  env({ ASCEND_TOOLKIT_HOME: `${ASCEND}/ascend-toolkit/latest`, ASCEND_DEVICE: '${DEVICE}' }),
]);

const pta = stage('pta', { from: cann }, [
  run(
    [
      ARCH,
      `sh /tmp/pkgs/pytorch/torch-\${TORCH_VERSION}-linux-$arch.run --install-path=${SITE_PACKAGES}`,
      `sh /tmp/pkgs/pytorch/torch_npu-\${TORCH_VERSION}-linux-$arch.run --install-path=${SITE_PACKAGES}`,
    ],
    withPackages,
  ),
]);

const app = stage('app', { from: pta }, [copy(['entrypoint.sh', 'infer.sh'], `${APP}/`, { chmod: '0755' })]);

export const ascendApp = image({
  name: 'ascend-app',
  description: 'An inference app on PyTorch + torch_npu + CANN for Ascend NPUs',
  context: 'contexts/ascend/app',
  buildContexts: { packages: 'contexts/ascend/packages' },
  platforms: ['linux/amd64', 'linux/arm64'],
  args: {
    PYTHON_VERSION: { default: '3.10', description: 'Python built into the image' },
    CANN_VERSION: { default: '8.0.RC3', description: 'CANN toolkit and kernels release' },
    DEVICE: { default: '910b', description: 'NPU model the operator kernels are for' },
    TORCH_VERSION: { default: '2.1.0', description: 'PyTorch and torch_npu release' },
  },
  stages: [base, python, cann, pta, app],
  labels: { 'org.opencontainers.image.title': 'Ascend inference app', 'com.example.ascend.cann-version': '${CANN_VERSION}' },
  user: { user: 'HwHiAiUser', group: 'HwHiAiUser' },
  workdir: APP,
  entrypoint: [`${APP}/entrypoint.sh`],
  cmd: [`${APP}/infer.sh`],
  test: {
    smoke: [
      { argv: ['python3', '--version'], expect: 'Python 3.10' },
      { argv: [`${APP}/infer.sh`], expect: 'inference ready: device ascend910b, CANN 8.0.RC3' },
    ],
  },
});
