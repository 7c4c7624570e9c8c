/**
 * The {@code kubernetes} deployer: pipelines as Flink Kubernetes Operator custom resources ({@code FlinkDeployment}
 * or {@code FlinkSessionJob}) through the fabric8 client, status read from the operator.
 */
package dev.ingest.control.deploy.kubernetes;
