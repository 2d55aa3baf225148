/**
 * A shell-form RUN written over continuation lines, cut into the commands `run([...])` takes: a
 * new command starts where a line ends with `&&` or the next begins with it, so
 * `apt-get update && \` / `apt-get install -y curl` becomes two commands and the layout survives.
 * Any other line break joins the lines with one space (`-y \` / `curl wget` → `-y curl wget`).
 */
export function splitCommands(pieces: readonly string[]): string[] {
  const commands: string[] = [];
  let current: string[] = [];
  const flush = (): void => {
    const text = current.filter((p) => p !== '').join(' ');
    if (text !== '') commands.push(text);
    current = [];
  };
  for (const piece of pieces) {
    let p = piece;
    if (p.startsWith('&&') && current.length > 0) {
      flush();
      p = p.slice(2).trim();
    }
    if (p.endsWith('&&') && !p.endsWith('\\&&')) {
      current.push(p.slice(0, -2).trim());
      flush();
    } else {
      current.push(p);
    }
  }
  flush();
  return commands;
}
