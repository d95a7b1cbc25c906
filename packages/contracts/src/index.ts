export * from "./common";
export * from "./promises";
export * from "./activities";
export * from "./progress";
export * from "./auth";
export * from "./updates";
export * from "./imports";
export * from "./health";
