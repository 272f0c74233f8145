package org.facesearch.model.engine;

import org.facesearch.data.setting.NamedSetting;

/** The engine's settings ({@link EngineOptions}) that its messages name. */
public enum EngineSetting implements NamedSetting {
  /** Which device computes: cpu, gpu or auto. */
  DEVICE("the device"),
  /** A libtorch folder to load instead of the bundled one. */
  LIBTORCH("the libtorch folder"),
  /** What networks compute in: auto, fp32 or bf16. */
  PRECISION("the precision"),
  /** What runs inference passes: auto, pytorch or onnxruntime. */
  RUNTIME("the inference runtime");

  private final String description;

  EngineSetting(String description) {
    this.description = description;
  }

  @Override
  public String description() {
    return description;
  }
}
