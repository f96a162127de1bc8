-- The Ed25519 key that signs audit bundles when no key file is configured (ROUTER_AUDIT_SIGNING_KEY):
-- made by the first node that starts, then used by every node, so all bundles of a deployment verify
-- under one public key. One row at most. The private key is kept in the clear, as readable as the
-- journal itself: configure a key file (or a KMS in front of it) where that is not good enough.
CREATE TABLE audit_signing_key (
  id          smallint    PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  private_key bytea       NOT NULL,   -- PKCS#8
  public_key  bytea       NOT NULL,   -- X.509 SubjectPublicKeyInfo
  created_at  timestamptz NOT NULL DEFAULT now()
);
