/** The processes a test started, as `ps` sees them. */
import { execa } from 'execa';

/** `pid args` of every process below `pid`. */
export async function descendantsOf(pid: number): Promise<string[]> {
  const ps = await execa('ps', ['-eo', 'pid=,ppid=,args='], { reject: false });
  const rows = ps.stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .map(([p = '', pp = '', ...args]) => ({ pid: p, ppid: pp, line: `${p} ${args.join(' ')}` }));
  const found: string[] = [];
  const queue = [String(pid)];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const row of rows.filter((r) => r.ppid === next)) {
      found.push(row.line);
      queue.push(row.pid);
    }
  }
  return found;
}
