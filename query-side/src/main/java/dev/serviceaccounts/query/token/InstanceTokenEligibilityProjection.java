package dev.serviceaccounts.query.token;

import org.axonframework.config.ProcessingGroup;
import org.springframework.stereotype.Component;

/**
 * The token-eligibility fold run by this instance's own {@value TokenEligibilityProjection#INSTANCE_PROCESSING_GROUP}
 * processor (in-memory token store, so every instance sees every event): keeps this instance's
 * {@link TokenEligibilityView}. Every event is handled (an edit, a project membership, another aggregate's
 * event too), and after each event of an account in the view {@link TokenViewAcknowledgements} tells the
 * command side that this instance has it.
 */
@Component
@ProcessingGroup(TokenEligibilityProjection.INSTANCE_PROCESSING_GROUP)
public class InstanceTokenEligibilityProjection extends TokenEligibilityProjection {

    public InstanceTokenEligibilityProjection(TokenEligibilityView view) {
        super(view);
    }
}
