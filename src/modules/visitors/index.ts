/** Visitors module: the widget's server-issued visitor credential and signed identity verification. */
export { establishVisitor, forgetIdleVisitors, hashToken, verifiedChannel, TOKEN_ROTATE_AFTER_MS, PREVIOUS_TOKEN_GRACE_MS, type WidgetVisitor } from "./visitors.service.ts";
export { identifierHashOf, type SignedIdentity, type VerifiedIdentity } from "./identity.ts";
