package org.facesearch.model.onnx;

import java.util.Optional;
import org.facesearch.data.setting.MentionsSettings;
import org.facesearch.data.setting.SettingMessage;
import org.facesearch.model.engine.EngineSetting;

/**
 * An exported network that ONNX Runtime could not load or run. Its message names the way around it:
 * running the network on PyTorch instead.
 */
public final class InferenceRuntimeException extends RuntimeException implements MentionsSettings {
  private static final long serialVersionUID = 1L;

  private final transient SettingMessage settingMessage;

  public InferenceRuntimeException(String message) {
    this(message, null);
  }

  public InferenceRuntimeException(String message, Throwable cause) {
    this(
        SettingMessage.of(
            message + "; run it on PyTorch instead with ", EngineSetting.RUNTIME, " pytorch"),
        cause);
  }

  private InferenceRuntimeException(SettingMessage message, Throwable cause) {
    super(message.toString(), cause);
    this.settingMessage = message;
  }

  @Override
  public Optional<SettingMessage> settingMessage() {
    return Optional.of(settingMessage);
  }
}
