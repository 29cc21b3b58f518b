import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../shared/contract/sites';
import { z } from 'zod';
import { SettingsPatch } from '../../../shared/contract/sites';
import { FerryError } from '../../../shared/errors';
import { formFromSettings, patchFromForm, settingsSaveErrors, validateSettingsForm, type SettingsForm } from './settings-form-model';
import { sectionOfFirstError } from './settings-sections';

const settings: Settings = {
  concurrentTransfers: 4,
  speedLimits: { downloadKiBps: 0, uploadKiBps: 512 },
  defaultConflictAction: 'ask',
  skipIdenticalFiles: true,
  preserveTimestamps: true,
  showHiddenFiles: false,
  timeouts: { connectSeconds: 20, replySeconds: 30, dataIdleSeconds: 60 },
  transferModeDefault: 'passive',
  activePortRange: null,
  activeExternalAddress: '',
  theme: 'system',
  neverSavePasswords: false,
};
const form = (patch: Partial<SettingsForm> = {}): SettingsForm => ({ ...formFromSettings(settings), ...patch });

describe('settings form', () => {
  it('changes nothing when nothing was edited', () => {
    expect(patchFromForm(formFromSettings(settings), settings)).toEqual({});
    expect(validateSettingsForm(formFromSettings(settings), settings)).toEqual({});
  });

  it('patches only what changed, nested objects whole', () => {
    const patch = patchFromForm(form({ concurrentTransfers: '6', downloadKiBps: '100', theme: 'dark' }), settings);
    expect(patch).toEqual({ concurrentTransfers: 6, speedLimits: { downloadKiBps: 100, uploadKiBps: 512 }, theme: 'dark' });
    expect(SettingsPatch.safeParse(patch).success).toBe(true);
  });

  it('turns the active port range on and off', () => {
    expect(patchFromForm(form({ limitActivePorts: true, activePortFrom: '50000', activePortTo: '50100' }), settings)).toEqual({
      activePortRange: { from: 50000, to: 50100 },
    });
    const withRange = { ...settings, activePortRange: { from: 50000, to: 50100 } };
    expect(patchFromForm({ ...formFromSettings(withRange), limitActivePorts: false }, withRange)).toEqual({ activePortRange: null });
  });

  it('reports out-of-range and non-numeric values by field', () => {
    const errors = validateSettingsForm(form({ concurrentTransfers: '11', uploadKiBps: 'fast', connectSeconds: '0' }), settings);
    expect(errors.concurrentTransfers).toBe('Enter a number of transfers from 1 to 10.');
    expect(errors.uploadKiBps).toMatch(/KiB\/s/);
    expect(errors.connectSeconds).toMatch(/seconds from 1 to 3,600/);
  });

  it('checks the port range only when it is on, and its order', () => {
    expect(validateSettingsForm(form({ activePortFrom: 'x' }), settings)).toEqual({});
    const errors = validateSettingsForm(form({ limitActivePorts: true, activePortFrom: '60000', activePortTo: '50000' }), settings);
    expect(errors.activePortTo).toBe('The first port must not be above the last.');
    expect(validateSettingsForm(form({ activeExternalAddress: 'my host' }), settings).activeExternalAddress).toBe('A host cannot contain spaces.');
  });

  it('maps the back end’s issues to fields', () => {
    const result = SettingsPatch.safeParse({ speedLimits: { downloadKiBps: -1, uploadKiBps: 0 }, activePortRange: { from: 2000, to: 1500 } });
    const error = new FerryError('INVALID_INPUT', 'The request to settings.update was not valid.', z.prettifyError(result.error!));
    const errors = settingsSaveErrors(error);
    expect(errors.fields.downloadKiBps).toBeDefined();
    expect(errors.fields.activePortTo).toBe('The first port must not be above the last.');
    expect(errors.general).toBeNull();
  });
});

describe('sectionOfFirstError', () => {
  it('picks the first section, in tab order, that has an error', () => {
    expect(sectionOfFirstError({ theme: 'x', connectSeconds: 'y' })).toBe('connection');
    expect(sectionOfFirstError({ theme: 'x', uploadKiBps: 'y' })).toBe('transfers');
    expect(sectionOfFirstError({})).toBeNull();
  });
});
