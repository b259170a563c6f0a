import type { TBuildVolumeFit, TModelAnalysis } from '../models/index.js';
import { findMaterial, findProcess, type TOperatorSettings } from '../projects/index.js';
import { quotesErrors } from './quotes.errors.js';

export type QuotableFile = { id: string; name: string; analysis: TModelAnalysis; fits: TBuildVolumeFit[] };

export type TQuoteLine = {
  fileId: string;
  fileName: string;
  volumeCm3: number;
  heightMm: number;
  machineHours: number;
  materialCentsPerPart: number;
  machineCentsPerPart: number;
  unitCents: number;
  quantity: number;
  lineCents: number;
};

export type TQuoteBreakdown = {
  process: string;
  material: string;
  quantity: number;
  lines: TQuoteLine[];
  setupFeeCents: number;
  subtotalCents: number;
  minimumOrderCents: number;
  /** The minimum order raised the total. */
  minimumApplied: boolean;
  /** Files not priced (rejected by the analysis), by name. */
  excludedFiles: string[];
  warnings: string[];
};

/**
 * The instant price of a project from its analysed files and the operator's price table (see
 * projects/operator-settings.ts): per part, material by volume plus machine time by volume and height;
 * rounded to whole cents per part, times the quantity; plus the setup fee; never below the minimum order.
 */
export function computeQuote(
  operator: TOperatorSettings,
  project: { process: string; material: string; quantity: number },
  files: readonly QuotableFile[],
  excludedFiles: readonly string[] = [],
): { currency: string; totalCents: number; breakdown: TQuoteBreakdown } {
  const proc = findProcess(operator, project.process);
  if (!proc) throw quotesErrors.processNotOffered(project.process);
  const material = findMaterial(proc, project.material);
  if (!material) throw quotesErrors.materialNotOffered(project.process, project.material);
  if (files.length === 0) throw quotesErrors.nothingToQuote();

  const warnings: string[] = [];
  const lines = files.map((file): TQuoteLine => {
    const fit = file.fits.find((f) => f.process === proc.process);
    if (!fit?.fits || !fit.placedSizeMm) throw quotesErrors.doesNotFit(file.name, proc.process, proc.buildVolumeMm);
    if (!file.analysis.watertight) warnings.push(`${file.name} is not watertight: its volume, hence its price, is an estimate until we repair it.`);
    const volumeCm3 = file.analysis.volumeMm3 / 1000;
    const heightMm = fit.placedSizeMm.z;
    const machineHours = volumeCm3 / proc.volumeRateCm3PerHour + heightMm / proc.heightRateMmPerHour;
    const materialCentsPerPart = volumeCm3 * material.pricePerCm3Cents;
    const machineCentsPerPart = machineHours * proc.machineRateCentsPerHour;
    const unitCents = Math.round(materialCentsPerPart + machineCentsPerPart);
    return {
      fileId: file.id,
      fileName: file.name,
      volumeCm3,
      heightMm,
      machineHours,
      materialCentsPerPart,
      machineCentsPerPart,
      unitCents,
      quantity: project.quantity,
      lineCents: unitCents * project.quantity,
    };
  });
  const subtotalCents = lines.reduce((sum, l) => sum + l.lineCents, 0) + operator.setupFeeCents;
  const totalCents = Math.max(subtotalCents, operator.minimumOrderCents);
  if (!Number.isSafeInteger(totalCents)) throw quotesErrors.tooLargeToPrice();
  return {
    currency: operator.currency,
    totalCents,
    breakdown: {
      process: proc.process,
      material: material.name,
      quantity: project.quantity,
      lines,
      setupFeeCents: operator.setupFeeCents,
      subtotalCents,
      minimumOrderCents: operator.minimumOrderCents,
      minimumApplied: totalCents > subtotalCents,
      excludedFiles: [...excludedFiles],
      warnings,
    },
  };
}
