/** The grid planner: turns grid settings and a symbol's rules into the exact orders a grid would place. */
export { planGrid } from './plan-grid'
export { GridSettingsError } from './grid-settings-error'
export { MAX_GRIDS } from './grid-settings'
export type { GridSettings, GridSpacing } from './grid-settings'
export type { BaseAcquisition, GridPlan, LevelSide, PlannedLevel } from './grid-plan'
export type { PlanField, PlanProblem, PlanProblemCode } from './plan-problem'
export { startChecks, type StartCheckInput } from './start-checks'
