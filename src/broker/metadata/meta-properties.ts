// meta.properties in every log dir, as Kafka writes it (KRaft, version=1): the cluster id and
// node id the directory belongs to. A directory written by another node id is refused at
// start-up, as Kafka does, so two configs never share one data dir by accident.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProperties } from '../../java-compat/properties.js';
import { writeFileAtomic } from '../../storage/file-io.js';

export const META_PROPERTIES = 'meta.properties';

export function ensureMetaProperties(logDir: string, nodeId: number, clusterId: string): void {
  const file = join(logDir, META_PROPERTIES);
  if (existsSync(file)) {
    const props = parseProperties(readFileSync(file, 'latin1'));
    const stored = props.get('node.id') ?? props.get('broker.id');
    if (stored !== undefined && Number(stored) !== nodeId) {
      throw new Error(`Stored node id ${stored} doesn't match previous node id ${nodeId} in ${file}. If you moved your data, make sure your configured node id matches. If you intend to create a new node, you should remove all data in your data directories.`);
    }
    const storedCluster = props.get('cluster.id');
    if (storedCluster !== undefined && storedCluster !== clusterId) {
      throw new Error(`Invalid cluster.id in: ${file}. Expected ${clusterId}, but read ${storedCluster}`);
    }
    return;
  }
  writeFileAtomic(file, `#\n#${new Date().toString()}\nnode.id=${nodeId}\nversion=1\ncluster.id=${clusterId}\n`);
}
