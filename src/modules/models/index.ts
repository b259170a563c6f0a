/**
 * The models module: 3D model parsing and printability analysis, a pure library (no database).
 *
 * Typical use from an upload job:
 *   const analysis = await analyzeModelFile(path, { filename: upload.originalName });
 *   const fits = checkBuildVolumes(analysis, operatorProcesses);
 * Every failure is an AppError: unsupported_media_type (not a model we read), unprocessable (corrupt,
 * truncated, NaN coordinates, bad indices), payload_too_large (over a limit), not_found (missing path).
 * `ModelAnalysis` is plain JSON; `ZModelAnalysis` validates it when read back.
 */
export {
  analyzeModelFile,
  analyzeModelStream,
  type AnalyzeModelOptions,
  type AnalyzeModelStreamOptions,
} from './analyze-model.js';
export { PREVIEW_MAX_TRIANGLES } from './preview.js';
export { checkBuildVolumes } from './build-volume.js';
export { detectModelFormat, formatSniffBytes, type DetectedFormat } from './format-detect.js';
export { defaultModelLimits, type ModelLimits } from './limits.js';
export {
  ZBuildVolume,
  ZBuildVolumeFit,
  ZLengthUnit,
  ZModelAnalysis,
  ZModelFormat,
  type TBuildVolume,
  type TBuildVolumeFit,
  type TLengthUnit,
  type TModelAnalysis,
  type TModelAnalysis as ModelAnalysis,
  type TModelFormat,
} from './models.schema.js';
export { createModelAnalyser, memoryRefusal, type ChildAnalysis, type ModelAnalyser, type ModelAnalyserOptions } from './analyze-in-child.js';
export { analysisMemoryCost, modelLimitsForMemory } from './limits.js';
