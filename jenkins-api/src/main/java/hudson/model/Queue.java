// Compile-time mirror of org.jenkins-ci.main:jenkins-core:2.479.3 (only the members mlship uses; provided by Jenkins at run time).
package hudson.model;

import java.util.List;
import jenkins.model.queue.QueueItem;

public class Queue extends ResourceController implements Saveable {

    public abstract static class Item extends Actionable implements QueueItem {
    }

    public interface QueueAction extends Action {

        boolean shouldSchedule(List<Action> actions);
    }
}
