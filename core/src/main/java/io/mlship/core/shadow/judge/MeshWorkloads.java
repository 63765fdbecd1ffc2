package io.mlship.core.shadow.judge;

/**
 * The baseline's and the candidate's workloads as Istio labels their series ({@code destination_workload} is the
 * Deployment's name, {@code destination_workload_namespace} its namespace).
 */
public record MeshWorkloads(String namespace, String baseline, String candidate) {
}
