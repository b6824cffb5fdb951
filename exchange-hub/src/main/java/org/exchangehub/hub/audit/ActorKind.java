package org.exchangehub.hub.audit;

/**
 * Who an audit entry's actor is: an identified agency, an operator (no operator identity exists yet; reserved for
 * operator authentication), or an anonymous caller known only by its network address.
 */
public enum ActorKind {
    AGENCY,
    OPERATOR,
    ANONYMOUS
}
