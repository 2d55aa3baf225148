/**
 * The set-up most engine suites share: inside a `describe`, a ship project (namespace unique to the
 * suite, tag `t1`) made before its tests, and its images and folder removed after them.
 */
import { afterAll, beforeAll } from 'vitest';
import { removeImages, uniquePrefix } from './images.js';
import { shipProject, type ShipProject } from './ship-project.js';

export interface ShipSuite {
  /** The namespace of the suite's images (`uniquePrefix(name)`). */
  readonly prefix: string;
  /** The suite's project; usable from its `beforeAll`, after this one's, and in its tests. */
  readonly project: ShipProject;
}

export function shipSuite(name: string, files: Record<string, string>): ShipSuite {
  const prefix = uniquePrefix(name);
  let current: ShipProject | undefined;
  const made = (): ShipProject => {
    if (!current) throw new Error(`shipSuite(${name}): the project is made in beforeAll`);
    return current;
  };

  beforeAll(async () => {
    current = await shipProject(`{ namespace: '${prefix}', tag: 't1' }`, files);
  });

  afterAll(async () => {
    await removeImages(prefix);
    await current?.remove();
  });

  const project: ShipProject = {
    get root() {
      return made().root;
    },
    cli: (args, env, signal) => made().cli(args, env, signal),
    write: (more) => made().write(more),
    remove: () => made().remove(),
  };
  return { prefix, project };
}
