package io.mlship.plugin.stage;

/**
 * The one place that says where the build serves a step's kept report: every step's run folder is copied to
 * {@code <build dir>/mlship/<run folder name>/}, which the build's delivery report action (URL name {@link #URL_NAME})
 * serves below {@link #FILES}. Step logs link there.
 */
public final class ReportLinks {

    /** The URL name of the build action that serves {@code <build dir>/mlship/} (the delivery report page). */
    public static final String URL_NAME = "mlship-report";
    /** Below that action, the path of the folder {@code <build dir>/mlship/}. */
    public static final String FILES = "files";

    private ReportLinks() {
    }

    /**
     * @param runUrl    the build's URL relative to Jenkins' root, as {@code Run.getUrl()} gives it ({@code job/x/7/})
     * @param runFolder the step's run folder relative to the workspace ({@code .mlship/jenkins/scan-7-ab12cd34})
     * @param file      the report relative to the workspace, inside the run folder
     * @return a path below Jenkins' context path (leading '/', as {@code TaskListener.hyperlink} wants it)
     */
    public static String url(String runUrl, String runFolder, String file) {
        String folder = runFolder.substring(runFolder.lastIndexOf('/') + 1);
        String name = file.startsWith(runFolder + "/") ? file.substring(runFolder.length() + 1) : file.substring(file.lastIndexOf('/') + 1);
        return "/" + (runUrl.endsWith("/") ? runUrl : runUrl + "/") + URL_NAME + "/" + FILES + "/" + folder + "/" + name;
    }
}
