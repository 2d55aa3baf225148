import { describe, expect, it } from 'vitest';
import { splitCommands } from '../../../src/import/split-commands.js';

describe('splitCommands', () => {
  it('starts a command where a line ends or begins with &&', () => {
    expect(splitCommands(['apt-get update &&', 'apt-get install -y curl'])).toEqual(['apt-get update', 'apt-get install -y curl']);
    expect(splitCommands(['apt-get update', '&& apt-get install -y', 'curl wget', '&& rm -rf /x'])).toEqual([
      'apt-get update',
      'apt-get install -y curl wget',
      'rm -rf /x',
    ]);
  });

  it('joins other line breaks with one space and keeps && inside a line', () => {
    expect(splitCommands(['a && b', 'c'])).toEqual(['a && b c']);
    expect(splitCommands(['echo one;', 'echo two'])).toEqual(['echo one; echo two']);
  });

  it('drops empty commands', () => {
    expect(splitCommands(['&&', 'a'])).toEqual(['a']);
    expect(splitCommands([])).toEqual([]);
  });
});
