-- Version 2: the whole deployment handle (dev.ingest.control.deploy.Deployment) is stored, not only its id:
-- which deployer made it, and the savepoint its last pause (or a control-plane shutdown) took, so a restarted
-- control plane resumes from it. Portable SQL (PostgreSQL and H2).

ALTER TABLE pipelines ADD COLUMN deployment_target VARCHAR(32);
ALTER TABLE pipelines ADD COLUMN savepoint VARCHAR(4096);

-- handles written before version 2 came from the run-per-tick local deployer
UPDATE pipelines SET deployment_target = 'local-runs' WHERE deployment_id IS NOT NULL;
