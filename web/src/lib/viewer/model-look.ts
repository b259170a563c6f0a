/**
 * How a model is drawn until someone chooses otherwise: a soft blue-grey, barely metallic. A file of
 * its own, without three.js, so a page that needs only these values (the configurator's choices,
 * drawn before the 3D view loads) does not bring the 3D code and the model parsers into the app's
 * first script.
 */
export const MODEL_LOOK = { colour: '#7d9cb8', metalness: 0.05, roughness: 0.65 } as const;
