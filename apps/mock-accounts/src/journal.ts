/** One request the mock received. Never holds secrets, codes, tokens or verifiers. */
export interface JournalEntry {
  /** Mock-clock time (ms since the epoch) the request arrived. */
  time: number;
  method: string;
  /** The path without the query string (which may carry secrets). */
  path: string;
  grantType?: string;
  /** How the client authenticated: Basic header, id+secret in the body, PKCE (id only), none. */
  clientAuth: 'basic' | 'body' | 'pkce' | 'none';
  clientId?: string;
  redirectUri?: string;
  hasCode: boolean;
  hasCodeVerifier: boolean;
  /** The status answered; 0 when the connection was reset by a fault. */
  status: number;
  /** Where the grant parameters came from (bih's server sends them in the query string). */
  paramsIn: 'body' | 'query' | 'both' | 'none';
}

/** The journal controls of the mock. */
export interface MockJournal {
  /** A copy of the entries, oldest first. */
  entries(): JournalEntry[];
  clear(): void;
}

/** The journal behind {@link MockJournal}; routes record into it. */
export interface Journal extends MockJournal {
  record(entry: JournalEntry): void;
}

/**
 * Creates a journal that keeps the newest `max` entries.
 *
 * @example
 * const journal = createJournal(100);
 * journal.entries(); // []
 */
export function createJournal(max: number): Journal {
  let items: JournalEntry[] = [];
  return {
    record(entry) {
      items.push(Object.freeze({ ...entry }));
      // Trim in batches so a full journal does not pay an O(n) shift per request.
      if (items.length > max + Math.ceil(max / 10)) items = items.slice(items.length - max);
    },
    entries() {
      return items.slice(Math.max(0, items.length - max)).map((e) => ({ ...e }));
    },
    clear() {
      items = [];
    },
  };
}
