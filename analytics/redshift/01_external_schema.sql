-- Step 1 of 5: map the MSK cluster the producer writes to as an external schema named msk.
-- Run once per Redshift database (provisioned cluster or Serverless workgroup).
--
-- PLACEHOLDERS - replace both quoted values before running; nothing else in these files needs editing:
--   <redshift-msk-role-arn>  the IAM role Redshift assumes to read the cluster, associated with the cluster or the
--                            Serverless namespace, e.g. arn:aws:iam::123456789012:role/redshift-msk-streaming.
--                            Cross-account: a chained list without spaces,
--                            'arn:aws:iam::111111111111:role/redshift-role,arn:aws:iam::222222222222:role/msk-reader'.
--   <msk-cluster-arn>        the cluster's ARN, e.g.
--                            arn:aws:kafka:us-east-1:123456789012:cluster/msk-lambda/0a1b2c3d-0000-4e5f-8a9b-0c1d2e3f4a5b-1
--
-- AUTHENTICATION iam matches the producer's default AUTH_MODE=iam (brokers on port 9098). Redshift reads MSK with
-- IAM or with no authentication: use AUTHENTICATION none (and drop IAM_ROLE) only for a cluster that allows
-- unauthenticated clients.

CREATE EXTERNAL SCHEMA IF NOT EXISTS msk
FROM MSK
IAM_ROLE '<redshift-msk-role-arn>'
AUTHENTICATION iam
CLUSTER_ARN '<msk-cluster-arn>';
