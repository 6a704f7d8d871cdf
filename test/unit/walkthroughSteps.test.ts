import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandId } from '../../src/shared/commandIds';
import { stepCompletedBy, stepContextKey, WALKTHROUGH, walkthroughId, walkthroughSteps } from '../../src/walkthrough/walkthroughSteps';

interface ManifestStep {
  id: string;
  description: string;
  completionEvents?: string[];
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  publisher: string;
  name: string;
  contributes: { walkthroughs: Array<{ id: string; steps: ManifestStep[] }> };
};
const nls = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.nls.json'), 'utf8')) as Record<string, string>;

describe('walkthrough steps', () => {
  it('declares the tutorial’s steps in order, each completed by its own context key', () => {
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.equal(walkthrough.id, WALKTHROUGH);
    assert.deepEqual(walkthrough.steps.map((s) => s.id), [...walkthroughSteps]);
    for (const step of walkthrough.steps) {
      assert.deepEqual(step.completionEvents, [`onContext:${stepContextKey(step.id as (typeof walkthroughSteps)[number])}`], step.id);
    }
    assert.equal(walkthroughId(`${manifest.publisher}.${manifest.name}`), `entra-provisioning.entra-provisioning#provisionSaasApp`);
  });

  it('has a command that completes every step after the first, and the step’s button runs it', () => {
    const [walkthrough] = manifest.contributes.walkthroughs;
    const results: Record<string, unknown> = {
      [CommandId.addGalleryApp]: { servicePrincipalId: 'sp', applicationId: 'app' },
      [CommandId.assignUsers]: { assignmentId: 'a', assignmentIds: ['a'] },
      [CommandId.createJob]: { jobId: 'scim.1' },
      [CommandId.testConnection]: { ok: true, message: '' },
      [CommandId.editProvisioningSettings]: { ok: true, changed: ['notificationEmail'], notifying: true },
      [CommandId.openMappingEditor]: { key: 'k' },
      [CommandId.startJob]: { status: 'Active' },
      [CommandId.streamActivity]: { streaming: true, key: 'k', label: 'l', alreadyStreaming: false },
      [CommandId.pointSandboxJobAtScimApp]: { servicePrincipalId: 'sp', jobId: 'scim.1', created: true },
    };
    const completedBy = new Map(Object.entries(results).map(([id, result]) => [stepCompletedBy(id, result), id]));
    for (const step of walkthrough.steps.slice(1)) {
      const command = completedBy.get(step.id as (typeof walkthroughSteps)[number]);
      assert.ok(command, `${step.id} has a completing command`);
      const description = nls[step.description.replace(/^%|%$/g, '')] ?? step.description;
      assert.ok(description.includes(`(command:${command})`), `${step.id}’s description links ${command}`);
    }
  });

  it('leaves a step open when its command was cancelled or did not succeed', () => {
    for (const id of [CommandId.addGalleryApp, CommandId.assignUsers, CommandId.createJob, CommandId.testConnection, CommandId.openMappingEditor, CommandId.startJob, CommandId.streamActivity, CommandId.pointSandboxJobAtScimApp]) {
      assert.equal(stepCompletedBy(id, undefined), undefined, `${id} cancelled`);
    }
    assert.equal(stepCompletedBy(CommandId.testConnection, { ok: false, message: 'wrong password' }), undefined);
    assert.equal(stepCompletedBy(CommandId.editProvisioningSettings, { ok: false }), undefined);
    assert.equal(stepCompletedBy(CommandId.editProvisioningSettings, { ok: true, changed: ['deleteThreshold'], notifying: true }), undefined, 'another setting is not the notification step');
    assert.equal(stepCompletedBy(CommandId.editProvisioningSettings, { ok: true, changed: ['emailOnFailure'], notifying: false }), undefined, 'failure emails turned off');
    assert.equal(stepCompletedBy(CommandId.editProvisioningSettings, { ok: true, changed: [] }), undefined, 'nothing changed');
    assert.equal(stepCompletedBy(CommandId.assignUsers, { assignmentId: undefined, assignmentIds: [] }), undefined);
    assert.equal(stepCompletedBy(CommandId.streamActivity, { streaming: false }), undefined);
    // Start on several selected jobs: done when one of them started.
    assert.equal(stepCompletedBy(CommandId.startJob, { results: [{ servicePrincipalId: 'sp', jobId: 'j', ok: false, error: 'Not found.' }] }), undefined);
    assert.equal(stepCompletedBy(CommandId.startJob, { results: [{ ok: false }, { ok: true, status: 'Active' }] }), 'start');
  });

  it('ignores commands that belong to no step', () => {
    assert.equal(stepCompletedBy(CommandId.refresh, {}), undefined);
    assert.equal(stepCompletedBy(CommandId.pauseJob, { status: 'Paused' }), undefined);
  });
});
