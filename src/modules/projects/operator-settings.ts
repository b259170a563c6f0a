/**
 * What the operator offers: the printing processes with their machines' build volumes, the materials per
 * process, and the price table of instant quotes. Read from `<dataDir>/operator.json` when it exists, else
 * the defaults below — a sample workshop, documented here so an operator can copy them into that file and
 * change them. These are business settings, not privacy-policy values, hence literals.
 *
 * Pricing (see quotes/compute-quote.ts): per part, material = volume (cm³) × the material's price per cm³,
 * machine time (h) = volume / volumeRateCm3PerHour + height / heightRateMmPerHour, machine cost = time ×
 * machineRateCentsPerHour; times the quantity; plus the setup fee once; never below the minimum order.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../platform/errors/index.js';

export const ZProcess = z.enum(['FDM', 'SLA', 'SLS', 'MJF']);
export type TProcess = z.infer<typeof ZProcess>;

const ZCents = z.number().int().nonnegative();

export const ZOperatorSettings = z.object({
  /** ISO 4217 code of every price. */
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
  setupFeeCents: ZCents,
  minimumOrderCents: ZCents,
  processes: z
    .array(
      z.object({
        process: ZProcess,
        buildVolumeMm: z.object({ x: z.number().positive(), y: z.number().positive(), z: z.number().positive() }),
        machineRateCentsPerHour: ZCents,
        /** How much material the machine lays down per hour. */
        volumeRateCm3PerHour: z.number().positive(),
        /** How fast the build grows in height (layers per hour × layer height). */
        heightRateMmPerHour: z.number().positive(),
        materials: z.array(z.object({ name: z.string().trim().min(1).max(100), pricePerCm3Cents: z.number().nonnegative() })).min(1),
      }),
    )
    .min(1)
    .refine((ps) => new Set(ps.map((p) => p.process)).size === ps.length, { error: 'each process may appear once' }),
});
export type TOperatorSettings = z.infer<typeof ZOperatorSettings>;
export type TOperatorProcess = TOperatorSettings['processes'][number];

export const OPERATOR_SETTINGS_FILE = 'operator.json';

export const defaultOperatorSettings: TOperatorSettings = {
  currency: 'EUR',
  setupFeeCents: 1500,
  minimumOrderCents: 2500,
  processes: [
    {
      process: 'FDM',
      buildVolumeMm: { x: 256, y: 256, z: 256 },
      machineRateCentsPerHour: 400,
      volumeRateCm3PerHour: 15,
      heightRateMmPerHour: 30,
      materials: [
        { name: 'PLA', pricePerCm3Cents: 8 },
        { name: 'PETG', pricePerCm3Cents: 10 },
        { name: 'ABS', pricePerCm3Cents: 10 },
      ],
    },
    {
      process: 'SLA',
      buildVolumeMm: { x: 145, y: 145, z: 185 },
      machineRateCentsPerHour: 600,
      volumeRateCm3PerHour: 40,
      heightRateMmPerHour: 12,
      materials: [
        { name: 'Standard resin', pricePerCm3Cents: 25 },
        { name: 'Tough resin', pricePerCm3Cents: 35 },
      ],
    },
    {
      process: 'SLS',
      buildVolumeMm: { x: 165, y: 165, z: 300 },
      machineRateCentsPerHour: 900,
      volumeRateCm3PerHour: 60,
      heightRateMmPerHour: 15,
      materials: [{ name: 'PA12', pricePerCm3Cents: 30 }],
    },
    {
      process: 'MJF',
      buildVolumeMm: { x: 380, y: 284, z: 380 },
      machineRateCentsPerHour: 1200,
      volumeRateCm3PerHour: 120,
      heightRateMmPerHour: 40,
      materials: [
        { name: 'PA12', pricePerCm3Cents: 28 },
        { name: 'PA11', pricePerCm3Cents: 32 },
      ],
    },
  ],
};

/** The operator's settings from `<dataDir>/operator.json`, or the defaults; a broken file stops the start with the reason. */
export async function loadOperatorSettings(dataDir: string): Promise<TOperatorSettings> {
  const path = join(dataDir, OPERATOR_SETTINGS_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return defaultOperatorSettings;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError('unavailable', `${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = ZOperatorSettings.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new AppError('unavailable', `${path} is not valid operator settings: ${problems}`);
  }
  return parsed.data;
}

export function findProcess(settings: TOperatorSettings, process: string): TOperatorProcess | undefined {
  return settings.processes.find((p) => p.process === process);
}

/** The material as the operator spells it, matched without regard to case. */
export function findMaterial(proc: TOperatorProcess, material: string) {
  const wanted = material.trim().toLowerCase();
  return proc.materials.find((m) => m.name.toLowerCase() === wanted);
}
