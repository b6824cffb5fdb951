-- An agency's own signature over a record version it published (docs/security.md): the detached JWS as received
-- (it carries the signer's certificate chain and signing time), the signer's subject and the signing time. Written in
-- the same transaction as the version; never updated.
CREATE TABLE source_signature (
    receipt_id      VARCHAR(64)      NOT NULL PRIMARY KEY,
    jws             VARCHAR(100000)  NOT NULL,
    signer          VARCHAR(1000)    NOT NULL,
    signing_time    TIMESTAMP WITH TIME ZONE NOT NULL
);
