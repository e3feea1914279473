// Builds small targets documents in the Word text-export form, so each tricky layout can be tested alone.
export const TAB = '\t';

/** One table row: each cell a line starting with a TAB; '\n' inside a cell becomes continuation lines. */
export function row(cells: readonly string[]): string {
  return cells.map((cell) => `${TAB}${cell}`).join('\n');
}

/** Rows separated by blank lines, as Word exports them. */
export function table(rows: ReadonlyArray<readonly string[]>): string {
  return rows.map(row).join('\n\n');
}

export const HEADER = ['指标类别', '考核项目', '考核内容', '分值'] as const;

/** Blocks (titles, tables) separated by blank lines. */
export function documentText(blocks: readonly string[]): string {
  return `${blocks.join('\n\n')}\n`;
}

/** A party table worth 20 points in two targets, for 事业局 and 市(州)局. */
export function partyTable20(year = 2019): string[] {
  return [
    `${year}年度事业局、市(州)局领导班子党政建设`,
    table([
      HEADER,
      ['党\n政\n建\n设\n\n20\n\n分', '领\n\n导\n\n班\n\n子', '加强领导班子建设。', '12'],
      ['', '', '做好扶贫工作。', '8'],
    ]),
  ];
}

/** A party table worth 30 points for 厅机关 and 厅直属. */
export function partyTable30(year = 2019): string[] {
  return [
    `厅机关和厅直属单位${year}年度党政建设考核目标`,
    table([
      HEADER,
      ['党政建设\n\n30', '党风\n\n廉政', '落实党风廉政建设责任制。', '18'],
      ['', '保密工作', '做好保密工作。', '12'],
    ]),
  ];
}

/** A unit's own table worth `points` in two targets. */
export function ownTable(name: string, points = 80): string[] {
  const first = Math.round(points / 2);
  return [
    name,
    table([
      HEADER,
      ['共\n性\n指\n标', '重点工作', '完成年度重点工作。', String(first)],
      ['', '', '完成其他工作。', String(points - first)],
    ]),
  ];
}
