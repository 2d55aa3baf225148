/** The parent of the PAI service images: busybox, the `pai` user and the shared shell library. */
import { copy, image, runScript } from 'dockwright';
import { PAI_SRC } from './_shared.js';

export const paiBase = image({
  name: 'pai-base',
  description: 'Base of the PAI services: the pai user and the shared shell library',
  groups: ['pai'],
  context: `${PAI_SRC}/pai-base`,
  inputs: { copyList: [{ src: `${PAI_SRC}/common/lib`, dest: 'common/lib' }] },
  from: 'busybox:stable',
  steps: [
    // busybox images differ in whether they have adduser; writing the two lines works in all of them
    runScript(
      [
        'set -eu',
        "echo 'pai:x:1000:1000:OpenPAI service:/home/pai:/bin/sh' >>/etc/passwd",
        "echo 'pai:x:1000:' >>/etc/group",
        'mkdir -p /home/pai /var/log/pai',
        'chown pai:pai /home/pai /var/log/pai',
        '',
      ].join('\n'),
    ),
    copy('common/lib/', '/usr/local/lib/pai/'),
    copy('profile.d/pai.sh', '/etc/profile.d/pai.sh'),
  ],
  user: { user: 'pai', group: 'pai' },
  workdir: '/home/pai',
});
