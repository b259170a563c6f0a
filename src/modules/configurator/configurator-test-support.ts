import { expect } from 'vitest';
import { createProject, signedIn, type TestUser } from '../../test-support/builders.js';
import { putPolicyInForce } from '../../test-support/policy-in-force.js';
import type { TestApp } from '../../test-support/test-app.js';
import { analyse, uploadWhole } from '../files/files-test-support.js';
import { makeBox, toBinaryStl } from '../models/test-meshes.js';
import { commerceManifest } from '../orders/orders-test-support.js';

/** The default manifest (which declares configurations and orders) with a payment processor, as orders' tests use it. */
export async function putConfiguratorInForce(app: TestApp) {
  await putPolicyInForce(app, commerceManifest());
}

/**
 * A mug with a handle part: material, colour, size, handle swap and engraving; "engraving only on
 * metal" and "size XL excludes colour red"; the price is a base, the options' prices and 50 cents a
 * letter, times 1.5 for XL.
 */
export function mugDefinition(modelFileId: string, handleFileId: string) {
  return {
    name: 'Travel mug',
    description: 'A mug you make your own.',
    modelFileId,
    attributes: [
      {
        key: 'material',
        label: 'Material',
        kind: 'material',
        options: [
          { key: 'pla', label: 'Plastic', priceCents: 0, metalness: 0.05, roughness: 0.7 },
          { key: 'steel', label: 'Steel', priceCents: 1500, metalness: 1, roughness: 0.3 },
        ],
      },
      {
        key: 'colour',
        label: 'Colour',
        kind: 'colour',
        options: [
          { key: 'blue', label: 'Blue', priceCents: 0, colour: '#2f6fb0' },
          { key: 'red', label: 'Red', priceCents: 200, colour: '#c8102e' },
        ],
      },
      {
        key: 'size',
        label: 'Size',
        kind: 'size',
        options: [
          { key: 'm', label: 'M', priceCents: 0, scale: 1 },
          { key: 'xl', label: 'XL', priceCents: 0, scale: 1.5 },
        ],
      },
      {
        key: 'handle',
        label: 'Handle',
        kind: 'part',
        options: [
          { key: 'none', label: 'No handle', priceCents: 0, partFileId: null },
          { key: 'loop', label: 'Loop handle', priceCents: 300, partFileId: handleFileId },
        ],
      },
      { key: 'engraving', label: 'Engraving', kind: 'engraving', maxLength: 12 },
    ],
    rules: [
      { key: 'engraving_metal', message: 'Engraving is only possible on steel.', logic: { or: [{ '!': { var: 'engraving' } }, { '==': [{ var: 'material' }, 'steel'] }] } },
      { key: 'xl_not_red', message: 'Size XL is not made in red.', logic: { '!': { and: [{ '==': [{ var: 'size' }, 'xl'] }, { '==': [{ var: 'colour' }, 'red'] }] } } },
    ],
    price: { '*': [{ '+': [2000, { var: 'optionsCents' }, { '*': [50, { var: 'engravingLength' }] }] }, { if: [{ '==': [{ var: 'size' }, 'xl'] }, 1.5, 1] }] },
  };
}

/** A staff member with a mug model and a handle model analysed in a project they are assigned to. */
export async function staffWithModels(app: TestApp) {
  const owner = await signedIn(app, 'customer');
  const staff = await signedIn(app, 'staff');
  const admin = await signedIn(app, 'admin');
  const projectId = await createProject(owner, { title: 'Catalogue models' });
  expect((await admin.c.post(`/api/projects/${projectId}/assignments`, { staffId: staff.id })).statusCode).toBe(200);
  const mug = await uploadWhole(app, staff, projectId, 'mug.stl', toBinaryStl(makeBox([0, 0, 0], [40, 40, 60])));
  expect((await analyse(app, mug)).status).toBe('analysed');
  const handle = await uploadWhole(app, staff, projectId, 'handle.stl', toBinaryStl(makeBox([40, 15, 15], [55, 25, 45])));
  expect((await analyse(app, handle)).status).toBe('analysed');
  return { staff, admin, mug, handle };
}

/** The mug, defined and published by `staff`. */
export async function publishedMug(staff: TestUser, mug: string, handle: string) {
  const created = await staff.c.post('/api/configurator/products', mugDefinition(mug, handle));
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json<{ id: string }>().id;
  const published = await staff.c.post(`/api/configurator/products/${id}/status`, { status: 'published' });
  expect(published.statusCode, published.body).toBe(200);
  return id;
}
