package org.exchangehub.hub.policy;

/** What an agency does with records of a type; the policy grants each separately. */
public enum Operation {
    /** publish new records or versions */
    PUBLISH,
    /** fetch a record or a version, and receive it by delivery */
    READ,
    /** page through the change feed */
    FEED,
    /** ask the hub for a verdict on a record, receipt or digest */
    VERIFY
}
