import { describe, expect, it } from 'vitest';
import { renderJsonResult } from '../../console/tui/model/json-table.ts';

describe('api 2 results as tables', () => {
  it('renders a list of objects under its key as a table, numbers right-aligned', () => {
    const lines = renderJsonResult({
      clients: [
        { clientid: '1', name: 'bareos-fd' },
        { clientid: '12', name: 'web-01-fd' },
      ],
      meta: { range: { limit: 2 } },
    });
    expect(lines).toEqual([
      'clients: 2 rows',
      '+----------+-----------+',
      '| clientid | name      |',
      '+----------+-----------+',
      '|        1 | bareos-fd |',
      '|       12 | web-01-fd |',
      '+----------+-----------+',
      'meta: {"range":{"limit":2}}',
    ]);
  });

  it('shows a flat object as key: value lines and other values as JSON', () => {
    expect(renderJsonResult({ version: { name: 'test-dir', version: '26.0.0' } })).toEqual(['version:', '  name: test-dir', '  version: 26.0.0']);
    expect(renderJsonResult([1, 2])).toEqual(['[', '  1,', '  2', ']']);
    expect(renderJsonResult({})).toEqual(['(empty result)']);
  });
});
