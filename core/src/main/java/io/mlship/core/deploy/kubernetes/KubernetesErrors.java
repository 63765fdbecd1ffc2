package io.mlship.core.deploy.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mlship.core.MlshipException;
import java.io.IOException;

/** Turns an API failure into what the user has to do about it. */
final class KubernetesErrors {

    private KubernetesErrors() {
    }

    public static MlshipException explain(KubernetesClientException e, String action, String server, String namespace) {
        String detail = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        if (e.getCode() <= 0 && causedByIo(e)) {
            return new MlshipException("cannot reach the Kubernetes API server " + server + " while trying to " + action + ": "
                    + causes(e) + "; check the server address (kubeconfig or --server) and the network", e);
        }
        return switch (e.getCode()) {
            case 401 -> new MlshipException("the API server " + server + " rejected the credentials (HTTP 401) while trying to " + action
                    + ": the token is missing, wrong or expired; check the kubeconfig or --token (`kubectl auth whoami`)", e);
            case 403 -> new MlshipException("not allowed (HTTP 403) to " + action + " in namespace " + namespace + ": " + detail
                    + "; grant the deploying identity get/list/watch/create/update/patch/delete on deployments, replicasets, "
                    + "services, pods, pods/log, events and leases there (`kubectl auth can-i --list -n " + namespace + "`)", e);
            default -> new MlshipException("could not " + action + " on " + server + " (HTTP " + e.getCode() + "): " + detail, e);
        };
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** "ConnectException: Connection refused" from the chain below the client's own wrapper. */
    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = e.getCause(); cause != null && text.length() < 300; cause = cause.getCause()) {
            if (cause.getClass() == IOException.class && cause.getMessage() == null) {
                continue; // the client's empty wrapper
            }
            text.append(text.length() > 0 ? " <- " : "").append(cause.getClass().getSimpleName())
                    .append(cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        return text.toString();
    }
}
