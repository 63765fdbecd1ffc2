package io.mlship.plugin;

import hudson.model.Run;
import jenkins.model.RunAction2;

/** Shows the image an {@code mlBuildImage} step built, and where its complete log is, on the build page. */
public final class BuildImageAction implements RunAction2 {

    private final String image;
    private final String imageId;
    private final String logFile;
    private transient Run<?, ?> run;

    public BuildImageAction(String image, String imageId, String logFile) {
        this.image = image;
        this.imageId = imageId;
        this.logFile = logFile;
    }

    public String getImage() {
        return image;
    }

    public String getImageId() {
        return imageId;
    }

    public String getLogFile() {
        return logFile;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    /** No page of its own yet: the build page shows summary.jelly. */
    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "Model image " + image;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
