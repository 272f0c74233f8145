package org.facesearch.trainer.run;

/**
 * One validation of a run: the mean training loss since the previous one, the validation loss, and
 * the verification accuracy on held-out people (threshold chosen on those same pairs).
 */
public record CurvePoint(
    long step,
    double epoch,
    double trainLoss,
    double validationLoss,
    double validationAccuracy,
    double seconds) {}
