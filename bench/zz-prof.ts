import Database from 'better-sqlite3';
import { openStore } from '/work/main/src/store/database.ts';
const file = `/tmp/prof-${Date.now()}.sqlite`;
const s = await openStore({ sqliteFile: file }); await s.close();
const db = new Database(file);
db.pragma('journal_mode = WAL');
for (const fk of ['OFF']) {
  db.pragma(`foreign_keys = ${fk}`);
  const ins = db.prepare(`insert into settlement_funds (settlement_id, fund_type, pay_fen, in_scope_fen, payable_limit_fen) values (?, ?, ?, ?, 0)`);
  const t0 = performance.now();
  db.transaction(() => { for (let n = 0; n < 200000; n++) ins.run('X'+fk+String(n).padStart(10,'0'), '310100', 5, 5); })();
  console.log('funds fk', fk, (performance.now()-t0).toFixed(0), 'ms for 200k');
}
console.log(db.prepare(`explain query plan select count(*) from settlements s join settlement_funds f on f.settlement_id = s.settlement_id where s.settled_at >= 'a' and s.settled_at < 'b' and s.insured_region_code <> s.treatment_region_code group by s.insured_region_code`).all());
