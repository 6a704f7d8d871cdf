// A provisioning file's plan against a 1,000-user sandbox (instant pace), in plain Node and without
// drawing the report: read the job as jobFiles.ts's readTenantState does, diff the edited file, then
// preview the SCIM requests for 10 and for 100 sample users with the plan's own previewSample
// (pages of 999 users, assignments, ScimPreviewer). Prints the median of RUNS runs as JSON lines.
import { StaticTokenCredential } from '../../src/auth/staticTokenCredential';
import { createProvisioningService } from '../../src/graph';
import { previewSample } from '../../src/commands/planSample';
import { ScimPreviewer } from '../../src/sandbox/engine/scimPreview';
import { startSandbox } from '../../src/sandbox/server';
import { silentLogger } from '../../src/shared/logger';
import { applyConfigurationToSchema, buildProvisioningFile, configurationOf, diffConfigurations, normaliseConfiguration, type ProvisioningFile } from '../../src/shared/provisioningFile';

const RUNS = 7;

function emit(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ metric, value: Number(value.toFixed(3)), unit }));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const token = 'bench-token';
  const sandbox = await startSandbox({ port: 0, seed: 7, users: 1000, groups: 8, token, pace: 'instant', replicationDelaySeconds: 0 });
  try {
    const service = createProvisioningService({ credential: new StaticTokenCredential(token), graphBaseUrl: sandbox.graphUrl, scopes: ['bench/.default'], logger: silentLogger });
    const { servicePrincipalId: sp, jobId } = sandbox.demo;
    const schema0 = await service.schema.get(sp, jobId);
    const file = JSON.parse(JSON.stringify(buildProvisioningFile({ tenantId: sandbox.tenantId, servicePrincipalId: sp, jobId }, schema0, await service.secrets.list(sp), undefined, new Date()))) as ProvisioningFile;
    const title = file.objectMappings.find((om) => om.sourceObject === 'User')!.attributeMappings.find((m) => m.target === 'title') as { source?: string; expression?: string };
    delete title.source;
    title.expression = 'ToUpper([jobTitle])';

    const plan = async (sampleSize: number): Promise<number> => {
      const signal = new AbortController().signal;
      const [schema, secrets, job] = await Promise.all([service.schema.get(sp, jobId, signal), service.secrets.list(sp, signal), service.jobs.getJob(sp, jobId, signal)]);
      const template = job.templateId ? await service.schema.templateSchema(sp, job.templateId, signal).catch(() => undefined) : undefined;
      const config = normaliseConfiguration(configurationOf(schema, secrets, template));
      const planned = applyConfigurationToSchema(schema, file, template);
      if (diffConfigurations(config, file).length === 0) throw new Error('the edited file plans nothing');
      const settings = { syncAll: config.settings.scope === 'all', skipOutOfScopeDeletions: config.settings.skipOutOfScopeDeletions };
      const previewer = new ScimPreviewer(schema, planned, settings, settings);
      return (await previewSample(service, sp, previewer, { sampleSize, needAssignments: !settings.syncAll, signal })).length;
    };

    // The demo app's scope is its assigned users (an assigned department group among them); `sampled`
    // says how many in-scope users the preview found.
    for (const [metric, size] of [['pac.plan10.ms', 10], ['pac.plan100.ms', 100]] as const) {
      await plan(size);
      const times: number[] = [];
      let found = 0;
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        found = await plan(size);
        times.push(performance.now() - started);
      }
      emit(metric, median(times), 'ms');
      emit(`${metric.replace(/\.ms$/, '')}.sampled`, found, 'users');
    }
  } finally {
    await sandbox.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
