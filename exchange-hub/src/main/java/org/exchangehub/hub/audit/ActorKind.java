package org.exchangehub.hub.audit;

/**
 * Who an audit entry's actor is: an identified agency, a logged-in operator, or an anonymous caller known only by its
 * network address.
 */
public enum ActorKind {
    AGENCY,
    OPERATOR,
    ANONYMOUS
}
