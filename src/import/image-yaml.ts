/**
 * The optional `image.yaml` next to a Dockerfile in folder-per-image layouts (PAI style):
 *
 * ```yaml
 * copy:                       # files assembled into the build context before the build
 *   - src: src/common         # relative to the project root
 *     dest: common            # relative to the image's build context
 * ```
 *
 * It becomes `inputs: { copyList: [...] }`. Keys other than `copy` are reported, not guessed at.
 */
import { parse } from 'yaml';
import * as z from 'zod';
import { CopyListEntrySchema } from '../model/build-inputs.js';
import type { ImportWarning } from './definition-model.js';
import { ImportError } from './import-error.js';

const ImageYamlSchema = z.object({ copy: z.array(CopyListEntrySchema).default([]) }).loose();

export interface ImageYaml {
  readonly copyList: readonly { readonly src: string; readonly dest: string }[];
  readonly warnings: readonly ImportWarning[];
}

export function parseImageYaml(text: string, file: string): ImageYaml {
  let doc: unknown;
  try {
    doc = parse(text) ?? {};
  } catch (e) {
    throw new ImportError(`${file}: not valid YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  const result = ImageYamlSchema.safeParse(doc);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ImportError(
      `${file}: ${issue ? `${issue.path.join('.') || '(top)'}: ${issue.message}` : 'invalid'} (expected copy: [{ src, dest }])`,
    );
  }
  const extra = Object.keys(result.data).filter((k) => k !== 'copy');
  return {
    copyList: result.data.copy,
    warnings: extra.map((k) => ({ file, message: `not modelled: key "${k}" (left out of the definition)` })),
  };
}
