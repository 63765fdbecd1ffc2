package io.mlship.plugin.stage;

/**
 * The one place that says where the build serves a step's kept report: every step's run folder is copied to
 * {@code <build dir>/mlship/<run folder name>/} and served below the build's mlship action, whose URL name is
 * {@link #URL_NAME}. Step logs link there; the build page's delivery report uses the same address.
 */
public final class ReportLinks {

    /** The URL name of the build action that serves {@code <build dir>/mlship/}. */
    public static final String URL_NAME = "mlship";

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
        return "/" + (runUrl.endsWith("/") ? runUrl : runUrl + "/") + URL_NAME + "/" + folder + "/" + name;
    }
}
