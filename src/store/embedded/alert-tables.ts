import type Database from 'better-sqlite3';
import type { AlertRecord, DeliveryRecord } from '../store.ts';

/** The alert ledger: one row per alert key, and every delivery attempt. */
export function createAlertTables(db: Database.Database) {
  const statements = {
    insertAlert: db.prepare(
      'INSERT OR IGNORE INTO alerts (key, post_id, level, title, created_at) VALUES (@key, @post_id, @level, @title, @created_at)',
    ),
    countAlerts: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM alerts'),
    alertsForPost: db.prepare<[string], AlertRecord>(
      'SELECT * FROM alerts WHERE post_id = ? ORDER BY created_at',
    ),
    insertDelivery: db.prepare(
      'INSERT INTO alert_deliveries (alert_key, channel, status, attempt, detail, at) VALUES (@alert_key, @channel, @status, @attempt, @detail, @at)',
    ),
    deliveries: db.prepare<[string], DeliveryRecord>(
      'SELECT * FROM alert_deliveries WHERE alert_key = ? ORDER BY rowid',
    ),
  };
  return {
    record: (alert: AlertRecord) => statements.insertAlert.run(alert).changes === 1,
    count: () => statements.countAlerts.get()?.n ?? 0,
    forPost: (postId: string) => statements.alertsForPost.all(postId),
    recordDelivery: (delivery: DeliveryRecord) => void statements.insertDelivery.run(delivery),
    deliveries: (alertKey: string) => statements.deliveries.all(alertKey),
  };
}
