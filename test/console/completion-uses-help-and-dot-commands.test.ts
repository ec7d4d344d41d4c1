import { describe, expect, it } from 'vitest';
import { Completer, keywordsOf, parseJsonHelp, parsePlainHelp } from '../../console/tui/model/completion.ts';

const HELP = `.jobs List job resources -- [type=<type>] [enabled | disabled]
list List catalog records -- jobs [client=<client-name>] [jobname=<job-name>] [limit=<n>] | jobid=<jobid> | clients
llist Long listing -- jobs [client=<client-name>]
status Report the status -- director | client=<client-name>
version Print the director version -- `;

function completer(): Completer {
  const c = new Completer();
  c.setCommands(parsePlainHelp(HELP));
  return c;
}

describe('tab completion', () => {
  it('reads keywords from argument synopses', () => {
    expect(keywordsOf('jobs [client=<client-name>] | jobid=<jobid> | clients')).toEqual(['jobs', 'client=', 'jobid=', 'clients']);
    expect(parseJsonHelp({ list: { arguments: 'jobs | clients', description: 'd', permission: true }, delete: { arguments: '', permission: false } })).toEqual([
      { name: 'list', description: 'd', keywords: ['jobs', 'clients'] },
    ]);
  });

  it('completes command names, then keywords of that command, longest common prefix first', async () => {
    const c = completer();
    expect(await c.complete('ve')).toEqual({ line: 'version ', candidates: [] });
    expect(await c.complete('l')).toEqual({ line: 'l', candidates: ['list', 'llist'] });
    expect(await c.complete('li')).toEqual({ line: 'list ', candidates: [] });
    expect(await c.complete('list job')).toEqual({ line: 'list job', candidates: ['jobs', 'jobname=', 'jobid='] });
    expect(await c.complete('list jobs cl')).toEqual({ line: 'list jobs client', candidates: ['client=', 'clients'] });
    expect(await c.complete('list jobs jobn')).toEqual({ line: 'list jobs jobname=', candidates: [] });
    // A keyword already used is not offered again.
    expect(await c.complete('status client=x cl')).toEqual({ line: 'status client=x cl', candidates: [] });
  });

  it('completes values after job=/client= from the dot command, fetched once and quoted when needed', async () => {
    const c = completer();
    const asked: string[] = [];
    const fetch = async (source: string) => {
      asked.push(source);
      return source === '.clients' ? ['web-01-fd', 'db-01-fd', 'my laptop'] : [];
    };
    expect(await c.complete('status client=w', fetch)).toEqual({ line: 'status client=web-01-fd ', candidates: [] });
    expect(await c.complete('list jobs client=', fetch)).toEqual({ line: 'list jobs client=', candidates: ['web-01-fd', 'db-01-fd', '"my laptop"'] });
    expect(await c.complete('list jobs client=my', fetch)).toEqual({ line: 'list jobs client="my laptop" ', candidates: [] });
    expect(asked).toEqual(['.clients']);
  });
});
