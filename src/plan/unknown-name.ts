/**
 * What to say when a name on the command line matches nothing: the closest image, variant or
 * group ("did you mean …?"), then everything there is. Pure.
 */
import { didYouMean } from '../compile/did-you-mean.js';
import type { ImageModel } from '../model/resolved.js';

/** ` did you mean "x"?` for the closest candidate (shown through `show`), or nothing. */
const suggestion = (name: string, candidates: Iterable<string>, show = (best: string): string => best): string => {
  const best = didYouMean(name, candidates);
  return best === undefined ? '' : ` did you mean "${show(best)}"?`;
};

/** `"pyton" matches no image; did you mean "python"? the images are: …` (`what` prefixes it: `--skip`). */
export function unknownImageMessage(images: readonly ImageModel[], pattern: string, what = ''): string {
  const prefix = `${what ? `${what} ` : ''}"${pattern}"`;
  const known = images.map((img) => img.id).join(', ') || '(none)';
  const [name = '', variant] = pattern.split(':', 2);
  const variantsOfName = images.filter((img) => img.name === name && img.id !== img.name);
  if (variant !== undefined && variantsOfName.length > 0) {
    const keys = variantsOfName.map((img) => img.id.slice(name.length + 1));
    return `${prefix}: image "${name}" has no variant "${variant}";${suggestion(variant, keys, (key) => `${name}:${key}`)} its variants are: ${variantsOfName.map((img) => img.id).join(', ')}`;
  }
  const hint = suggestion(pattern, [...images.map((img) => img.id), ...images.map((img) => img.name)]);
  return `${prefix} matches no image;${hint} the images are: ${known}`;
}

/** `group "servics" has no image; did you mean "services"? the groups are: …`. */
export function unknownGroupMessage(images: readonly ImageModel[], group: string): string {
  const groups = [...new Set(images.flatMap((img) => img.groups))].sort();
  return `group "${group}" has no image;${suggestion(group, groups)} the groups are: ${groups.join(', ') || '(none)'}`;
}
