/** Plans module: lead assignment (integer programming with HiGHS) and effort allocation (dynamic programming). */
export {};
