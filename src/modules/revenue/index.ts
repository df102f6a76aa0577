/** Revenue module: the sales summary (from the daily rollups), targets and attainment, the weekly forecast. */
export {};
