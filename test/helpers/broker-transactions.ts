// Whether this checkout's broker serves transactions (the coordinator and producer-state handlers
// of issue #10): the transactional client and tool tests that need them skip until both are there.
import { existsSync } from 'node:fs';

const api = (name: string) => existsSync(new URL(`../../src/broker/apis/${name}.ts`, import.meta.url));

export const brokerServesTransactions = api('list-transactions') && api('end-txn') && api('describe-producers') && api('write-txn-markers');
