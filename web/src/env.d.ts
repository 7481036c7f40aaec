/** Single-file components, typed for the .ts modules that import them (the .vue files themselves are checked by the build). */
declare module '*.vue' {
  import type { DefineComponent } from 'vue';

  const component: DefineComponent<object, object, unknown>;
  export default component;
}

declare module '*.css';
