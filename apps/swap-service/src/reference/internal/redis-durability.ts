/** The commands the durability check needs from one Redis node (an ioredis `Redis`). */
export interface RedisNodeInfo {
  info(section: string): Promise<string>;
  config(operation: 'GET', name: string): Promise<unknown>;
}

/**
 * What this Redis node's settings mean for reference mode, as warnings naming the setting.
 * A handle lives only in Redis: an evicting `maxmemory-policy` may drop handles (users logged
 * out) or locks (two replicas refresh one rotating token), and without persistence a restart
 * drops every handle. Reads `INFO` (allowed on managed Redis), and `CONFIG GET save` where
 * permitted; settings that cannot be read are reported as unchecked, never guessed.
 */
export async function durabilityWarnings(node: RedisNodeInfo, name: string): Promise<string[]> {
  const warnings: string[] = [];
  const memory = fields(await node.info('memory'));
  const persistence = fields(await node.info('persistence'));
  const policy = memory.get('maxmemory_policy');
  if (policy === undefined) {
    warnings.push(`${name}: maxmemory-policy could not be read; it must be noeviction`);
  } else if (policy !== 'noeviction') {
    warnings.push(
      `${name}: maxmemory-policy is ${policy}: under memory pressure Redis evicts handles (users logged out) and locks; set maxmemory-policy noeviction`,
    );
  }
  if (persistence.get('aof_enabled') === '1') return warnings;
  const save = await node.config('GET', 'save').then(
    (answer) => (Array.isArray(answer) ? String(answer[1] ?? '') : undefined),
    () => undefined,
  );
  if (save === undefined) {
    warnings.push(
      `${name}: appendonly is off and the save setting could not be read; a restart may drop handles; set appendonly yes`,
    );
  } else if (save.trim() === '') {
    warnings.push(
      `${name}: persistence is off (appendonly no, save ""): a restart drops every handle; set appendonly yes`,
    );
  } else {
    warnings.push(
      `${name}: appendonly is off (only RDB snapshots, save "${save}"): a crash loses the handles and rotated tokens written since the last snapshot; set appendonly yes`,
    );
  }
  return warnings;
}

function fields(info: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of info.split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0 && !line.startsWith('#')) map.set(line.slice(0, at), line.slice(at + 1).trim());
  }
  return map;
}
