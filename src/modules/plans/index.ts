/** Plans module: lead assignment (integer programming with HiGHS) and effort allocation (dynamic programming). */
export { planLeadAssignment, applyLeadAssignment } from "./lead-assignment.service.ts";
export { planEffort, warmEffortPlans, MINUTES_PER_AGENT_MESSAGE } from "./effort.service.ts";
export { listReps, updateRep, type RepDTO } from "./reps.service.ts";
export { applyAssignmentBody, effortBody, leadAssignmentBody, repUserParam, updateRepBody } from "./plans.schemas.ts";
