/**
 * `codiag rebuild-facts`: derives `interview_facts` and `interview_fact_problems` (the table the
 * steering indicators read, docs/decisions/004-indicators-in-the-database.md) again from every
 * stored interview record, in one transaction: after a bulk load that went around the sync API,
 * or to check that the derived table agrees with the records. Prints counts only.
 */
import { rebuildInterviewFacts } from '../indicators/interview-facts';
import { type AdminCommandDeps, defaultAdminDeps, withDatabase } from './admin-options';
import {
  type CliCommand,
  commandSpec,
  DATABASE_ENVIRONMENT,
  defineCommand,
  STANDARD_EXIT_CODES,
} from './command-spec';

export const REBUILD_FACTS_SPEC = commandSpec({
  name: 'rebuild-facts',
  summary: 'derive the indicators’ interview facts again from the stored interviews',
  description: [
    'Empties interview_facts and interview_fact_problems and derives them again from every ' +
      'stored interview record, in one transaction (a push waits meanwhile; on failure nothing ' +
      'changes). Run it after loading interviews into the records table around the sync API. ' +
      'Prints counts only; an interview that no longer parses is counted as a problem, and the ' +
      'indicators refuse the periods it belongs to until it is fixed.',
  ],
  arguments: [],
  options: {},
  environment: DATABASE_ENVIRONMENT,
  examples: [{ command: 'codiag rebuild-facts', comment: 'after a bulk load' }],
  exitCodes: STANDARD_EXIT_CODES,
});

export function rebuildFactsCommand(deps: AdminCommandDeps = defaultAdminDeps()): CliCommand {
  return defineCommand(REBUILD_FACTS_SPEC, async (_args, io) => {
    const counts = await withDatabase(deps, (db) => db.transaction(rebuildInterviewFacts));
    io.stdout(
      `rebuilt the facts of ${counts.interviews} interview record(s): ${counts.facts} fact row(s) ` +
        `(${counts.factsBefore} before), ${counts.problems} that no longer parse\n`,
    );
    return 0;
  });
}
