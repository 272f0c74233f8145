package org.facesearch.evaluation;

import java.util.Optional;

/**
 * Everything {@code facesearch evaluate} measured about one model.
 *
 * @param modelId the embedder's id
 * @param description what the model is, in words
 * @param inference what computed the embeddings ({@code Embedder.inference()})
 * @param dimension embedding length
 * @param view1 LFW View 1
 * @param view2 LFW View 2
 * @param view1Overlap training identities among pairsDevTest's people; empty when the model does
 *     not record its training identities
 * @param view2Overlap training identities among pairs.txt's people; empty when unknown
 * @param subset clustering and identification on the min-faces subset
 * @param figures the data behind the plots
 * @param settings how it was run
 * @param seconds wall-clock time of the whole evaluation
 */
public record EvaluationResult(
    String modelId,
    String description,
    String inference,
    int dimension,
    View1 view1,
    View2 view2,
    Optional<TrainingOverlap> view1Overlap,
    Optional<TrainingOverlap> view2Overlap,
    SubsetResult subset,
    Figures figures,
    EvaluationSettings settings,
    double seconds) {}
