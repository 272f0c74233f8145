package org.facesearch.trainer.run;

import java.io.IOException;
import org.facesearch.trainer.report.LossCurves;

/** Rewrites {@code curves.csv} and the loss PNGs in the run folder after each validation. */
final class CurvesListener implements TrainingListener {
  @Override
  public void onValidation(RunContext run, CurvePoint point) throws IOException {
    LossCurves.write(run.plan().runDir(), run.title(), run.history());
  }
}
